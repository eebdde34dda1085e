package model

import (
	"strings"
	"testing"
)

func TestPhoneLink(t *testing.T) {
	e164 := PhoneE164("091 23-45-67", "AM")
	if e164 != "+37491234567" {
		t.Fatalf("PhoneE164 = %q", e164)
	}
	text := "Բարև ձեզ, Թամար։ Ամեն ինչ կարգի՞ն է? 5 & 6"
	for _, tc := range []struct {
		app  ReachApp
		want string
	}{
		{ReachCall, "tel:+37491234567"},
		{ReachSMS, "sms:+37491234567?body=" + encodeText(text)},
		{ReachWhatsApp, "https://wa.me/37491234567?text=" + encodeText(text)},
		{ReachViber, "viber://chat?number=%2B37491234567"},
		{ReachTelegram, "tg://resolve?phone=37491234567"},
	} {
		t.Run(string(tc.app), func(t *testing.T) {
			l, ok := PhoneLink(tc.app, e164, text)
			if !ok {
				t.Fatal("no link")
			}
			if got := l.URL.String(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if tc.app.TakesText() {
				got := l.URL.Query()
				key := "text"
				if tc.app == ReachSMS {
					got, _ = urlQuery(l.URL.Opaque + "?" + l.URL.RawQuery)
					key = "body"
				}
				if got.Get(key) != text {
					t.Errorf("the message reads back as %q", got.Get(key))
				}
			}
		})
	}
	if !strings.Contains(encodeText("a b+c"), "a%20b%2Bc") {
		t.Errorf("encodeText = %q: a space must be %%20 and a plus %%2B", encodeText("a b+c"))
	}
	for _, bad := range []string{"", "091234567", "+37 491", "+3749123456x"} {
		if _, ok := PhoneLink(ReachCall, bad, ""); ok {
			t.Errorf("a link for %q, which is not E.164", bad)
		}
	}
}

func TestEmailLink(t *testing.T) {
	l, ok := EmailLink("tamar@example.ge", "", "გამარჯობა, თამარ! 100% & more")
	if !ok {
		t.Fatal("no link")
	}
	if l.URL.Scheme != "mailto" || l.URL.Opaque != "tamar@example.ge" {
		t.Errorf("link %s", l.URL)
	}
	if got := l.URL.Query().Get("body"); got != "გამარჯობა, თამარ! 100% & more" {
		t.Errorf("body reads back as %q", got)
	}
	if strings.Contains(l.URL.String(), "+") {
		t.Errorf("spaces written as + in %s", l.URL)
	}
	for _, bad := range []string{"", "tamar", "a b@c.ge", "a@b.ge?cc=x"} {
		if _, ok := EmailLink(bad, "", ""); ok {
			t.Errorf("a link for %q", bad)
		}
	}
}

func TestOrderFor(t *testing.T) {
	if got := OrderFor(ChannelMessage)[0]; got != ReachWhatsApp {
		t.Errorf("a client who prefers messages is offered %s first", got)
	}
	if got := OrderFor(ChannelPhone)[0]; got != ReachCall {
		t.Errorf("a client who prefers the phone is offered %s first", got)
	}
	if len(OrderFor(ChannelNone)) != 5 {
		t.Error("every way to reach a phone is offered")
	}
}
