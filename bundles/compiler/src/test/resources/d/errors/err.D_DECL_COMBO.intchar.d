/*
 * ASSERTION: two base types in one declaration are an invalid combination.
 * SECTION: Type and Constant Definitions
 */
int char x;
BEGIN
{
	exit(0);
}
