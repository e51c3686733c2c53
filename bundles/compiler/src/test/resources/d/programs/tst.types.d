/*
 * ASSERTION: structs, unions, enums, bitfields, typedefs and inlines compile.
 * SECTION: Structs and Unions; Type and Constant Definitions
 */
enum color { RED, GREEN = 5, BLUE };
struct point { int x : 4; int y : 12; long z; };
union u { int i; char c[8]; };
typedef struct point point_t;
inline int twice = 2 * BLUE;
this point_t p;
self union u v;

BEGIN
/twice == 12/
{
	this->p.x = 3;
	this->p.z = (long)sizeof (union u) + offsetof(point_t, z);
	self->v.i = this->p.x;
	trace(this->p.z);
	trace(stringof(self->v.i));
	x = (char)257;
	y = x > 0 ? "pos" : "neg";
	trace(y);
	exit(0);
}
