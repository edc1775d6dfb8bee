/* config.h: a header the async source includes; the test edits SQUARES to check that the
 * build transpiles app.c again (its depfile names this file). */
#define SQUARES 4
