from complaintkit.cli import main

main()
