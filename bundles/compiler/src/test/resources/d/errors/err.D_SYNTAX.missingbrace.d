/*
 * ASSERTION: a clause body must be closed before the end of input.
 * SECTION: Program Structure
 */
BEGIN
{
	trace(1);
