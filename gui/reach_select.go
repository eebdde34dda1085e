package gui

// selectClient selects client id in the client book's list, as a click
// would, when their row is among those read; it reports whether it was.
// Opening a client from the check-ins or the ladder then highlights their
// row rather than leave another one highlighted.
func (v *clientsView) selectClient(id int64) bool {
	for p, rows := range v.pages {
		for i, c := range rows {
			if c.ID == id {
				row := p*pageSize + i
				v.list.Select(row)
				v.list.ScrollTo(row)
				v.selected = id
				if v.page.client == nil || v.page.client.ID != id {
					v.page.show(id) // the row was selected already
				}
				return true
			}
		}
	}
	return false
}
