"""What anyone needs to check the audit record's proofs: RFC 8785 canonical JSON, the RFC 6962
Merkle tree, the signed statements, and a standalone verifier. Nothing here reads a database or
imports a service, so an outsider can run it with the proof file and the published key alone."""
