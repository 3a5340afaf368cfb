/*
 * What `uname -a` prints. KELP_BUILD_DATE comes from the Makefile (the
 * commit date when built from git), so a rebuild of the same tree prints
 * the same string.
 */
#ifndef KELP_VERSION_H
#define KELP_VERSION_H

#define KELP_SYSNAME "Kelp"
#define KELP_NODENAME "kelp"
#define KELP_RELEASE "0.1.0"
#ifndef KELP_BUILD_DATE
#define KELP_BUILD_DATE "unknown"
#endif
#define KELP_VERSION "#1 " KELP_BUILD_DATE
#define KELP_MACHINE "x86_64"

#endif /* KELP_VERSION_H */
