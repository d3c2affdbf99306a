package scene

// Latch remembers the value a view last acted on (the parameters of the
// computation it started, the inputs of a cached picture), so the view
// acts once per change by comparing values, not their printed forms.
type Latch[T comparable] struct {
	v   T
	set bool
}

// Changed reports whether v differs from the value latched, or nothing
// is latched.
func (l *Latch[T]) Changed(v T) bool { return !l.set || l.v != v }

// Set latches v.
func (l *Latch[T]) Set(v T) { l.v, l.set = v, true }

// Reset forgets the value, so the next Changed reports true.
func (l *Latch[T]) Reset() { l.set = false }
