"""Writing files safely (`atomic`: temp file, fsync, rename) and the vault's locks (`lock`)."""
