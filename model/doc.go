// Package model holds Client Tracker's domain: clients, their purchase
// preferences and purchases, the validation rules a shop owner's input must
// pass, and pure rules computed from a client's history. It performs no I/O
// and imports only the standard library and small pure libraries, so every
// rule here can be tested with plain values and a fixed clock.
package model
