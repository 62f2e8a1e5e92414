"""Reference data operators load while the services run: policy pack versions and the official
working-day schedules, each in force from an effective date (see README, "Loading rules and
calendars")."""
