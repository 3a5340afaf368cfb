# A report the scenario names in its expected text is not a failure.
kelp# log WARNING: possible circular locking dependency detected
\[ *\d+\.\d+\] WARNING: possible circular locking dependency detected (re)
