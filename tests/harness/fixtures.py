"""Service fixtures: filled in by the foundation (nginx, MariaDB, sshd hosts, SMTP, PKI)."""
