/* tmpfiles.h - temporary files beside a target that an interrupt (Ctrl-C, SIGTERM,
 * SIGHUP) must not leave behind. SIGKILL and a power cut can: the names say what they are
 * (TARGET.tmp...). */
#ifndef CONFSPEND_TMPFILES_H
#define CONFSPEND_TMPFILES_H

/* Remove PATH if the program is interrupted; a folder is removed when it is empty. Up to
 * TMPFILES_MAX at a time (more is a program error). */
#define TMPFILES_MAX 8
void tmpfiles_add(const char *path);
/* PATH is in place or removed by its owner: forget it. */
void tmpfiles_forget(const char *path);

#endif
