/*
 * ASSERTION: if/else statements compile into sub-clauses.
 * SECTION: Program Structure/if statements
 */
BEGIN
{
	i = 3;
	if (i > 2) {
		trace("big");
	} else if (i == 2) {
		trace("two");
	} else {
		trace("small");
	}
	exit(0);
}
