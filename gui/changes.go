package gui

// The views tell each other what changed in the book through one small
// notification, UI.changed, naming the client whose data changed (0 when
// many did: an import, a merge, another book). Each view says in its
// constructor what it does about it (onChange); none reaches into
// another's widgets.

// onChange adds fn to what UI.changed calls, in the order added.
func (u *UI) onChange(fn func(clientID int64)) {
	u.listeners = append(u.listeners, fn)
}

// changed tells every view that client clientID changed, or many clients
// when it is 0. Call it on the UI goroutine, after the store call.
func (u *UI) changed(clientID int64) {
	for _, fn := range u.listeners {
		fn(clientID)
	}
}
