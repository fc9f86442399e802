from sinjai_ops.cli import main

main()
