# asyncc_gdb: the asyncc gdb extension's modules, one job each (asyncc-gdb.py beside this package
# says which); bundle.cmake makes them one script for the programs' .debug_gdb_scripts section.
