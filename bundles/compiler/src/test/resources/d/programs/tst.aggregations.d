/*
 * ASSERTION: every aggregating function and key form compiles.
 * SECTION: Aggregations
 */
#pragma D option quiet
BEGIN
{
	@c[probename] = count();
	@s["a", 1] = sum(3);
	@mn = min(1);
	@mx = max(2);
	@av = avg(3);
	@sd = stddev(4);
	@q = quantize(5);
	@l = lquantize(6, 0, 100, 10);
	@ll = llquantize(7, 10, 0, 6, 20);
	printa("%s %@d\n", @c);
	normalize(@s, 2);
	trunc(@s, 1);
	clear(@mn);
	exit(0);
}
