/**
 * glibc's malloc, tuned through the environment node starts with (the bundle's first line and
 * `npm run bench:server` set it; musl and other C libraries ignore it).
 *
 * `mmap_threshold=8388608`: a block of 8 MB or more gets pages of its own, returned to the
 * system when freed. A password hash (scrypt) takes 16 MB; left alone, glibc raises its
 * threshold after the first one and the hashing thread's arena keeps 16–33 MB for good (50
 * hashes on one thread in a bare node: +33 MB, with this +1 MB). A fixed threshold also keeps
 * the default trim threshold, so the main arena hands freed memory back sooner. `hugetlb=1`:
 * those blocks get transparent huge pages where the kernel allows them (`madvise`), so a hash
 * pays for 8 page faults, not 4,096: 49 ms a hash instead of 88 ms (34 ms with the kept arena).
 *
 * Measured by `npm run bench:server` (same code, with and without): server RSS 133–135 MB
 * instead of 153 MB after setup, 137–140 MB instead of 176 MB at the peak of the issue phase,
 * 160–167 MB instead of 181 MB at the most; no fewer logins hashed during the login storm.
 */
export const SERVER_ENV = {
  GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=8388608:glibc.malloc.hugetlb=1',
};
