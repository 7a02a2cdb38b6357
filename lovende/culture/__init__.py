"""Learning culture (seed §3): landmarks, the learning log, recognitions and concerns."""
