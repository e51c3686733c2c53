/*
 * ASSERTION: a member the translator does not define cannot be used.
 * SECTION: Translators/Translator Declarations
 */
struct in { int a; };
struct out { int x; int y; };
translator struct out < struct in *p > { x = p->a; };
struct in *ip;
BEGIN
{
	trace(xlate<struct out *>(ip)->y);
}
