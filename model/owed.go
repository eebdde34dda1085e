package model

import "time"

// Balance is what one client owes: every unpaid part of their purchases,
// and how much of it is past its due day. SEEDS.md: a customer who causes
// losses with unpaid debts goes on the black list, and the owner recovers
// what is owed; first the owner has to see it.
type Balance struct {
	ClientID int64
	Name     string
	Owed     Money     // every unpaid part
	PastDue  Money     // the part whose due day has passed
	Oldest   time.Time // the earliest due day among the unpaid parts; zero if none has one
}

// BalanceTotals adds up balances: what is owed, what of it is past due,
// and how many clients owe anything.
func BalanceTotals(bs []Balance) (owed, pastDue Money, clients int) {
	for _, b := range bs {
		owed += b.Owed
		pastDue += b.PastDue
	}
	return owed, pastDue, len(bs)
}
