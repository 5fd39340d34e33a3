"""Business time: calendars, durations and the arithmetic SLA clocks run on."""
