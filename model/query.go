package model

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// SortBy names an order of the client list.
type SortBy string

// The orders the client list offers.
const (
	SortName         SortBy = "name"
	SortLastPurchase SortBy = "last_purchase" // most recent first
	SortTotalSpent   SortBy = "total_spent"   // biggest spender first
)

// SortOrders lists the orders in the order a menu offers them.
var SortOrders = []SortBy{SortName, SortLastPurchase, SortTotalSpent}

// Label is the English name of the order, also its translation key.
func (s SortBy) Label() string {
	switch s {
	case SortLastPurchase:
		return "Last purchase"
	case SortTotalSpent:
		return "Total spent"
	}
	return "Name"
}

// ClientFilter selects and orders a page of the client list.
type ClientFilter struct {
	Search string // free text: words of a name, email, city, tag or note, or a phone in any format
	Sort   SortBy
	Offset int
	Limit  int // 0 means all
}

// SearchTerms splits free search text into the words to match as prefixes
// and, if the text looks like a phone number, its digits.
type SearchTerms struct {
	Words  []string
	Digits string
	// Phone is the text itself when it looks like a phone number, for the
	// store to read as a whole number (PhoneE164) in the home country.
	Phone string
}

// ParseSearch splits the search box text. Every word must match (as the start
// of a word) somewhere in the client's record; a phone-like text also matches
// any phone that contains its digits.
func ParseSearch(s string) SearchTerms {
	var t SearchTerms
	if LooksLikePhone(s) {
		t.Digits = PhoneDigits(s)
		t.Phone = strings.TrimSpace(s)
	}
	t.Words = strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r))
	})
	return t
}

// Empty reports whether there is nothing to search for.
func (t SearchTerms) Empty() bool { return len(t.Words) == 0 && t.Digits == "" }

// Collator turns names into sort keys for a language, so that "Ștefan" sorts
// with the S's, "Ołga" with the O's, and Armenian and Georgian names follow
// their alphabets rather than byte order. Keys compare with bytes.Compare
// (and so with SQLite's BLOB ordering). Safe for concurrent use.
type Collator struct {
	mu  sync.Mutex
	c   *collate.Collator
	buf collate.Buffer
	tag string
}

// NewCollator returns a collator for a BCP 47 language tag such as "ro" or
// "hy-AM"; an unknown or empty tag gets the Unicode root order, which already
// sorts every script sensibly.
func NewCollator(tag string) *Collator {
	t, err := language.Parse(tag)
	if err != nil {
		t = language.Und
	}
	return &Collator{c: collate.New(t, collate.IgnoreCase), tag: t.String()}
}

// Language returns the tag the collator sorts for.
func (c *Collator) Language() string { return c.tag }

// Key returns the sort key of s.
func (c *Collator) Key(s string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := c.c.KeyFromString(&c.buf, s)
	out := make([]byte, len(k))
	copy(out, k)
	c.buf.Reset()
	return out
}

// ClientRecord is a client with their history, as the sample generator and
// importers produce them for the store to insert in bulk.
type ClientRecord struct {
	Client      Client
	Preferences []Preference
	Purchases   []Purchase
	// Contacts, Promises and Complaints are the client's contact history;
	// a contact that kept a promise has PromiseID set to the 1-based index
	// of that promise in Promises (the store replaces it with the real ID).
	Contacts   []Interaction
	Promises   []Promise
	Complaints []Complaint
	// ReferrerIndex is the 1-based position, in the same batch, of the
	// client who referred this one; 0 for none. It lets a batch link clients
	// before the store has given them IDs.
	ReferrerIndex int
}
