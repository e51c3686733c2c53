/*
 * ASSERTION: tick probes faster than 200 microseconds do not exist.
 * SECTION: profile Provider/tick-n probes
 */
tick-100ns
{
	exit(0);
}
