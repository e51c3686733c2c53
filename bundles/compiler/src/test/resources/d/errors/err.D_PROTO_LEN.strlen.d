/*
 * ASSERTION: calling a subroutine with too many arguments is D_PROTO_LEN.
 * SECTION: Actions and Subroutines/strlen()
 */
BEGIN
{
	trace(strlen("a", "b"));
}
