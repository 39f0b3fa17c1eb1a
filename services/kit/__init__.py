"""The shared kit: infrastructure every Fumin service uses. No domain model lives here."""
