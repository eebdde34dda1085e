package model

import (
	"net/url"
	"strings"
)

// Reaching a client in one click: the app opens the phone, messenger or
// mail program on the owner's computer with the client's number (in E.164,
// so it works whatever way the owner typed it) and, where the program
// takes one, the message already written.

// ReachApp is a way to reach a client from the app.
type ReachApp string

// The ways to reach a client.
const (
	ReachCall     ReachApp = "call"
	ReachSMS      ReachApp = "sms"
	ReachWhatsApp ReachApp = "whatsapp"
	ReachViber    ReachApp = "viber"
	ReachTelegram ReachApp = "telegram"
	ReachEmail    ReachApp = "email"
)

// PhoneApps are the ways to reach a phone number, in the order offered
// when the client prefers no channel.
var PhoneApps = []ReachApp{ReachCall, ReachSMS, ReachWhatsApp, ReachViber, ReachTelegram}

// Label is the English name of the way, also its translation key.
func (a ReachApp) Label() string {
	switch a {
	case ReachCall:
		return "Call"
	case ReachSMS:
		return "SMS"
	case ReachWhatsApp:
		return "WhatsApp"
	case ReachViber:
		return "Viber"
	case ReachTelegram:
		return "Telegram"
	}
	return "Email"
}

// ContactChannel is the channel a contact made this way is logged with.
func (a ReachApp) ContactChannel() ContactChannel {
	switch a {
	case ReachCall:
		return ContactCall
	case ReachEmail:
		return ContactEmail
	}
	return ContactMessage
}

// TakesText reports whether the link carries the message: Viber and
// Telegram open the chat by number but leave the text to be pasted.
func (a ReachApp) TakesText() bool {
	switch a {
	case ReachSMS, ReachWhatsApp, ReachEmail:
		return true
	}
	return false
}

// OrderFor puts the ways a client prefers first: messages for a client
// who prefers messages, the call for one who prefers the phone.
func OrderFor(pref Channel) []ReachApp {
	switch pref {
	case ChannelMessage:
		return []ReachApp{ReachWhatsApp, ReachViber, ReachTelegram, ReachSMS, ReachCall}
	}
	return PhoneApps
}

// ReachLink is one ready link: a way, whom it reaches and the URL that
// opens it.
type ReachLink struct {
	App     ReachApp
	Address string // the number in E.164 ("+37491234567") or the email
	URL     *url.URL
}

// PhoneLink returns the link that reaches e164 ("+37491234567") with app,
// carrying text where the app takes it; ok is false for a number that is
// not in E.164.
func PhoneLink(app ReachApp, e164, text string) (ReachLink, bool) {
	digits := strings.TrimPrefix(e164, "+")
	if !strings.HasPrefix(e164, "+") || digits == "" || PhoneDigits(digits) != digits {
		return ReachLink{}, false
	}
	var raw string
	q := encodeText(text)
	switch app {
	case ReachCall:
		raw = "tel:" + e164
	case ReachSMS:
		raw = "sms:" + e164
		if q != "" {
			raw += "?body=" + q
		}
	case ReachWhatsApp:
		// wa.me takes the number without "+" or any other sign.
		raw = "https://wa.me/" + digits
		if q != "" {
			raw += "?text=" + q
		}
	case ReachViber:
		// The "+" must be encoded, or Viber on a phone reads it as a space.
		raw = "viber://chat?number=%2B" + digits
	case ReachTelegram:
		raw = "tg://resolve?phone=" + digits
	default:
		return ReachLink{}, false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ReachLink{}, false
	}
	return ReachLink{App: app, Address: e164, URL: u}, true
}

// EmailLink returns the mailto: link (RFC 6068) that writes to addr with
// subject and text.
func EmailLink(addr, subject, text string) (ReachLink, bool) {
	addr = strings.TrimSpace(addr)
	if addr == "" || !strings.Contains(addr, "@") || strings.ContainsAny(addr, " ?&") {
		return ReachLink{}, false
	}
	raw := "mailto:" + addr
	var params []string
	if s := encodeText(subject); s != "" {
		params = append(params, "subject="+s)
	}
	if b := encodeText(text); b != "" {
		params = append(params, "body="+b)
	}
	if len(params) > 0 {
		raw += "?" + strings.Join(params, "&")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ReachLink{}, false
	}
	return ReachLink{App: ReachEmail, Address: addr, URL: u}, true
}

// encodeText percent-encodes text for a query: spaces as %20, which every
// mail and messenger program reads, where "+" is read as a plus by some.
func encodeText(s string) string {
	return strings.ReplaceAll(url.QueryEscape(strings.TrimSpace(s)), "+", "%20")
}
