package model

// ClientPage is everything the client page shows about one client, read
// at one moment: who they are and how to reach them, what they like, what
// they bought, the contacts, promises and complaints, their moves on the
// ladder, the promise-keeping score, and the history and settings the
// page's standing line (rung, next check-in, at-risk signals) is computed
// from.
type ClientPage struct {
	Client      *Client
	Preferences []Preference
	Purchases   []Purchase
	Contacts    []Interaction
	Promises    []Promise
	Complaints  []Complaint
	Moves       []StageChange // moves on the ladder, newest first
	// PromisesKept of PromisesDue came due in the last 90 days and were
	// kept on time (PromiseScore).
	PromisesKept, PromisesDue int
	History                   History
	Schedule                  ScheduleSettings
	Ladder                    LadderSettings
}
