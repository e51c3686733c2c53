/*
 * ASSERTION: lquantize() base must be below its limit.
 * SECTION: Aggregations/Data Normalization
 */
BEGIN
{
	@a = lquantize(1, 10, 0, 1);
}
