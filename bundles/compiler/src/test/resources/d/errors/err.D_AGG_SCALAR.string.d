/*
 * ASSERTION: aggregating functions take scalar values.
 * SECTION: Aggregations/Aggregating Functions
 */
BEGIN
{
	@a = sum("str");
}
