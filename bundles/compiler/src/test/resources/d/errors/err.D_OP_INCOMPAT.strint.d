/*
 * ASSERTION: a variable keeps the type of its first assignment.
 * SECTION: Variables/Scalar Variables
 */
BEGIN
{
	x = "hello";
	x = 3;
}
