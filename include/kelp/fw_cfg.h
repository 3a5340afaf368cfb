/*
 * QEMU's firmware configuration device (fw_cfg) on x86: named files the
 * host hands to the guest (`-fw_cfg name=opt/...,string=...`). Kelp reads
 * its command line addition from opt/kelp/cmdline (drivers/fw_cfg.c), so
 * that the boot loader need not probe disks for it. Absent outside QEMU.
 */
#ifndef KELP_FW_CFG_H
#define KELP_FW_CFG_H

#include <kelp/types.h>

/* The file the kernel command line addition comes from. */
#define FW_CFG_CMDLINE_FILE "opt/kelp/cmdline"

/*
 * Reads the start of fw_cfg file `name` into buf (at most len bytes, not
 * terminated). Returns the file's full size (which may exceed len), or
 * -ENODEV when there is no fw_cfg device (not under a hypervisor, or no
 * "QEMU" signature), -ENOENT when there is no such file. Boot context:
 * uses the selector port without locking.
 */
long fw_cfg_read_file(const char *name, void *buf, size_t len);

#endif /* KELP_FW_CFG_H */
