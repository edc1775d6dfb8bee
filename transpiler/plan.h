/* plan.h: the plan of each async function, decided once the checks have passed and before any
 * code is generated: its states (one per await that can suspend) numbered in evaluation order,
 * each state's children and where their frames live, and the async functions whose ABI it needs.
 * Lowering follows it (it never numbers a state itself); --emit=dot prints it. */
#ifndef ASYNCC_PLAN_H
#define ASYNCC_PLAN_H

#include "internal.h"

/* Plans every function of t: f->sites, f->needs. */
void pl_unit(tunit *t);
/* The planned state of await aw of f (the ParenExpr of its marker), or NULL when it has none
 * (an await in sizeof or typeof, or of a function that never suspends). */
site *pl_site(const afn *f, const node *aw);

#endif
