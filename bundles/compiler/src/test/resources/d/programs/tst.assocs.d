/*
 * ASSERTION: associative arrays, thread-local and clause-local variables compile.
 * SECTION: Variables
 */
BEGIN
{
	a["x", 1] = 5;
	self->t[timestamp] = "hi";
	this->l = a["x", 1] + 1;
	b = strjoin(self->t[timestamp], "!");
	trace(b);
	trace(this->l);
	a["x", 1]++;
	exit(0);
}
