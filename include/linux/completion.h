/* <linux/completion.h>: completions: init_completion, complete, wait_for_completion (include/kelp/completion.h). */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H

#include <kelp/completion.h>

#endif /* _LINUX_COMPLETION_H */
