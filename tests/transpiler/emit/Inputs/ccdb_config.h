/* Found only through the -I of compile_commands.json (emit/compile_commands.c). */
#define CCDB_GREETING "from compile_commands.json"
