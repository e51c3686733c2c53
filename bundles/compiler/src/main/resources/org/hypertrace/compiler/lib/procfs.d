/*
 * HyperTrace's D library for Linux: the proc(5) types psinfo_t and lwpsinfo_t (the member
 * names and layout of illumos <sys/procfs.h>, LP64) with translators from what a Linux firing
 * knows, the curpsinfo and curlwpsinfo inlines, and the translated arguments of the proc
 * provider. A member is translated only where Linux gives it honestly; using any other one is
 * D_XLATE_NOCONV, as for the members dtrace's own library leaves out.
 */

typedef id_t poolid_t;

typedef struct timestruc {
	long tv_sec;
	long tv_nsec;
} timestruc_t;

typedef struct lwpsinfo {
	int pr_flag;
	id_t pr_lwpid;
	uintptr_t pr_addr;
	uintptr_t pr_wchan;
	char pr_stype;
	char pr_state;
	char pr_sname;
	char pr_nice;
	short pr_syscall;
	char pr_oldpri;
	char pr_cpu;
	int pr_pri;
	ushort_t pr_pctcpu;
	ushort_t pr_pad;
	timestruc_t pr_start;
	timestruc_t pr_time;
	char pr_clname[8];
	char pr_name[16];
	processorid_t pr_onpro;
	processorid_t pr_bindpro;
	psetid_t pr_bindpset;
	int pr_lgrp;
	int pr_filler[4];
} lwpsinfo_t;

typedef struct psinfo {
	int pr_flag;
	int pr_nlwp;
	pid_t pr_pid;
	pid_t pr_ppid;
	pid_t pr_pgid;
	pid_t pr_sid;
	uid_t pr_uid;
	uid_t pr_euid;
	gid_t pr_gid;
	gid_t pr_egid;
	uintptr_t pr_addr;
	size_t pr_size;
	size_t pr_rssize;
	size_t pr_pad1;
	dev_t pr_ttydev;
	ushort_t pr_pctcpu;
	ushort_t pr_pctmem;
	timestruc_t pr_start;
	timestruc_t pr_time;
	timestruc_t pr_ctime;
	char pr_fname[16];
	char pr_psargs[80];
	int pr_wstat;
	int pr_argc;
	uintptr_t pr_argv;
	uintptr_t pr_envp;
	char pr_dmodel;
	char pr_pad2[3];
	taskid_t pr_taskid;
	projid_t pr_projid;
	int pr_nzomb;
	poolid_t pr_poolid;
	zoneid_t pr_zoneid;
	id_t pr_contract;
	int pr_filler[1];
	lwpsinfo_t pr_lwp;
} psinfo_t;

/* pr_state and pr_sname of a thread running on a CPU (the firing thread) */
inline char SONPROC = 6;

/*
 * The firing thread's process (T is curthread, the task): its ids and names come with every
 * firing. The kernel does not tell euid/egid apart from uid/gid here; the command line is what
 * the provider read from /proc/PID/cmdline when it delivered the firing (the executable name
 * when the process was already gone). Linux has no zones: everything runs in the global one.
 */
translator psinfo_t < genunix`kthread_t *T > {
	pr_pid = pid;
	pr_ppid = ppid;
	pr_uid = uid;
	pr_euid = uid;
	pr_gid = gid;
	pr_egid = gid;
	pr_fname = execname;
	pr_psargs = __psargs;
	pr_zoneid = 0;
};

/* The firing thread: it is on a CPU, and comm is per thread on Linux. */
translator lwpsinfo_t < genunix`kthread_t *T > {
	pr_lwpid = tid;
	pr_addr = (uintptr_t)T;
	pr_state = SONPROC;
	pr_sname = 'O';
	pr_name = execname;
};

inline psinfo_t *curpsinfo = xlate <psinfo_t *> (curthread);
inline lwpsinfo_t *curlwpsinfo = xlate <lwpsinfo_t *> (curthread);

/*
 * The arguments of proc probes are the pid or tid they describe (args[] translates them). A
 * translator is chosen by its input type, so each kind of argument has its own integer type:
 * int64_t for a target the firing knows only by its pid (proc:::signal-send) ...
 */
translator psinfo_t < int64_t P > {
	pr_pid = P;
	pr_zoneid = 0;
};

translator lwpsinfo_t < int64_t P > {
	pr_lwpid = P;
};

/*
 * ... and uint64_t for the child the firing process has just forked (proc:::create fires in
 * the parent, and a new child shares its parent's credentials, name and command line until it
 * calls exec) or the thread it has just created (proc:::lwp-create).
 */
translator psinfo_t < uint64_t P > {
	pr_pid = P;
	pr_ppid = pid;
	pr_uid = uid;
	pr_euid = uid;
	pr_gid = gid;
	pr_egid = gid;
	pr_fname = execname;
	pr_psargs = __psargs;
	pr_zoneid = 0;
};

translator lwpsinfo_t < uint64_t P > {
	pr_lwpid = P;
	pr_name = execname;
};
