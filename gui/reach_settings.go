package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// templatesTab is the Messages tab of Settings: the wording of each
// one-click message, in each language a client may speak. The owner picks
// the language and edits its messages; an emptied message goes back to the
// app's own wording.
type templatesTab struct {
	working  map[string]string // every language's texts, by model.TemplateKey
	lang     string            // the language shown
	langSel  *widget.Select
	entries  map[model.MessageKind]*textEntry
	fields   fieldSet
	resetBtn *widget.Button
}

// messageLanguageNames names the template languages in themselves, as
// the language choice in General does.
func messageLanguageNames() []string {
	names := make([]string, len(model.MessageLanguages))
	for i, tag := range model.MessageLanguages {
		names[i] = tag
		for _, l := range languages {
			if l.tag == tag {
				names[i] = l.name
			}
		}
	}
	return names
}

func newTemplatesTab(ts model.Templates) *templatesTab {
	t := &templatesTab{working: map[string]string{}, entries: map[model.MessageKind]*textEntry{}}
	for _, k := range model.MessageKinds {
		for _, l := range model.MessageLanguages {
			t.working[model.TemplateKey(k, l)] = ts.Text(k, l)
		}
	}
	for _, k := range model.MessageKinds {
		e := newMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(4)
		t.entries[k] = e
		t.fields = append(t.fields, newFormField(string(k), lang.L(k.Label()), e))
	}
	t.langSel = widget.NewSelect(messageLanguageNames(), func(string) { t.show(model.MessageLanguages[t.langSel.SelectedIndex()]) })
	t.resetBtn = widget.NewButtonWithIcon(lang.L("Use the app's wording"), theme.ContentUndoIcon(), t.onReset)
	first := model.MessageLanguage(shownLanguage, "en")
	for i, l := range model.MessageLanguages {
		if l == first {
			t.langSel.SetSelectedIndex(i) // shows it
		}
	}
	return t
}

// keep copies the shown language's texts into the working set.
func (t *templatesTab) keep() {
	if t.lang == "" {
		return
	}
	for k, e := range t.entries {
		t.working[model.TemplateKey(k, t.lang)] = e.Text
	}
}

// show puts the texts of language tag in the fields.
func (t *templatesTab) show(tag string) {
	t.keep()
	t.lang = tag
	for i, k := range model.MessageKinds {
		t.entries[k].SetText(t.working[model.TemplateKey(k, tag)])
		t.entries[k].SetPlaceHolder(model.DefaultTemplate(k, tag))
		// Messages for this language are found by the key of its field.
		t.fields[i].name = model.FieldTemplate(k, tag)
	}
}

// onReset puts the app's wording back in every message of the language shown.
func (t *templatesTab) onReset() {
	for k, e := range t.entries {
		e.SetText(model.DefaultTemplate(k, t.lang))
	}
}

// read returns the owner's wording of every message.
func (t *templatesTab) read() model.Templates {
	t.keep()
	ts := model.Templates{}
	for k, v := range t.working {
		ts[k] = strings.TrimSpace(v)
	}
	return ts
}

// content lays the tab out: the language, what the placeholders mean, and
// one field per message.
func (t *templatesTab) content() fyne.CanvasObject {
	intro := hint(lang.L("One-click contact writes these messages in the client's language (Edit › Speaks). In braces: {name} their first name, {fullname} their whole name, {item} what they bought, {what} what you promised or what went wrong, {amount} what they owe, {years} years as your client."))
	top := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Language of the messages")), nil, t.langSel)
	box := container.NewVBox(top, intro)
	// Each message under its name, the whole width: a message is a
	// paragraph, not a value beside a label.
	for _, f := range t.fields {
		f.label.TextStyle.Bold = true
		box.Add(container.NewVBox(f.label, f.input, f.err))
	}
	box.Add(newFlow(t.resetBtn))
	return box
}

// changed reports whether the owner changed any message.
func (t *templatesTab) changed(was model.Templates) bool {
	now := t.read()
	for _, k := range model.MessageKinds {
		for _, l := range model.MessageLanguages {
			if now.Text(k, l) != was.Text(k, l) {
				return true
			}
		}
	}
	return false
}

// messagesTab adds the Messages tab to the settings dialog.
func (v *settingsView) messagesTab() *container.TabItem {
	v.msgs = newTemplatesTab(v.templates)
	tab := container.NewTabItemWithIcon(lang.L("Messages"), theme.MailComposeIcon(), v.scroll(v.msgs.content()))
	for _, k := range model.MessageKinds {
		for _, l := range model.MessageLanguages {
			v.tabOf[model.FieldTemplate(k, l)] = tab
		}
	}
	v.r.fields = append(v.r.fields, v.msgs.fields...)
	return tab
}
