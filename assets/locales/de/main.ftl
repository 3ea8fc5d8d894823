app-loading = Terminbuch wird geöffnet…
nav-calendar = Kalender
nav-customers = Kunden
nav-settings = Einstellungen

demo-banner = Demo-Salon: Diese Kunden und Termine sind Beispieldaten zum Ausprobieren.
demo-start-empty = Leer beginnen…
demo-confirm = Alle Beispieldaten löschen?
demo-start-empty-yes = Ja, leer beginnen
demo-keep = Demo behalten

fatal-title = Das Terminbuch kann nicht geöffnet werden
fatal-safe = Nichts wurde verändert oder gelöscht: Die Datei ist genau so, wie sie war.
fatal-what-now = Stellen Sie die letzte Sicherung wieder her oder starten Sie Salondesk mit einer anderen Datei (--db PFAD). Für Hilfe senden Sie die Protokolldatei aus dem Ordner „logs“ neben der Datenbank.

calendar-today = Heute
calendar-day = Tag
calendar-week = Woche
calendar-day-off = frei
calendar-absent = abwesend: { $reason }
calendar-no-staff = Noch keine Mitarbeiter. Legen Sie sie unter Einstellungen › Mitarbeiter an.
calendar-next-free = Nächster freier Termin: { $time } — übernehmen
calendar-no-free = In den nächsten 14 Tagen ist nichts frei.

mark-new = neu
mark-not-linked = nicht verknüpft

state-booked = gebucht
state-arrived = erschienen
state-completed = abgeschlossen
state-cancelled = abgesagt
state-no-show = nicht erschienen

action-arrived = Erschienen
action-completed = Abgeschlossen
action-no-show = Nicht erschienen…
action-cancel = Termin absagen…
action-undo = Rückgängig: wieder gebucht

source-desk = am Empfang
source-kiosk = am Kiosk

dialog-new-title = Neuer Termin
dialog-edit-title = Termin
dialog-customer-placeholder = Name, Telefon oder E-Mail
dialog-customer-hint = Name, Telefonnummer oder E-Mail eingeben: Bekannte Kunden werden vorgeschlagen.
dialog-walk-in-hint = Nur mit diesem Namen gespeichert; später mit einer Kundenakte verknüpfen.
dialog-linked = verknüpft
dialog-open-card = Kundenakte öffnen
dialog-unlink = Verknüpfung lösen
dialog-no-show-reason = Warum ist der Kunde nicht gekommen?
dialog-cancel-reason = Warum wird der Termin abgesagt?
dialog-reason-placeholder = Grund (auswählen oder eingeben)
dialog-reason-needed = Bitte geben Sie einen Grund an.
dialog-confirm-no-show = Als nicht erschienen markieren
dialog-confirm-cancel = Termin absagen
dialog-created = Gebucht { $who } am { $when }

reason-forgot = Vergessen
reason-ill = Krank
reason-not-reachable = Nicht erreichbar
reason-none-given = Kein Grund genannt
reason-rescheduled = Verschoben
reason-travel = Verreist
reason-salon = Vom Salon abgesagt

saved-booked = Termin gebucht.
saved-changed = Termin geändert.
saved-no-show = Als nicht erschienen markiert; die Zeit ist wieder buchbar.
saved-cancelled = Termin abgesagt; die Zeit ist wieder buchbar.
saved-arrived = Als erschienen markiert.
saved-completed = Als abgeschlossen markiert.
saved-undone = Wieder gebucht.
saved-customer = Gespeichert.
saved-settings = Einstellungen gespeichert.

button-save = Speichern
button-close = Schließen
button-back = Zurück
button-remove = Entfernen

customers-title = Kunden
customers-new = Neuer Kunde
customers-new-title = Neuer Kunde
customers-search-placeholder = Name, Telefon oder E-Mail suchen (Strg+F)
customers-count = { $count } Kunden. Tippen Sie, um zu suchen.
customers-found = { $count } gefunden
customers-pick-hint = Wählen Sie links einen Kunden oder legen Sie einen neuen an.

card-archive = Termine
card-summary = { $total } Termine · { $attended } wahrgenommen · { $noshows } nicht erschienen · { $cancelled } abgesagt
card-revenue = Umsatz { $amount }
card-no-appointments = Noch keine Termine.

consent-granted = Erteilt
consent-not-asked = Nicht gefragt
consent-objected = Widersprochen

field-name = Name
field-first-name = Vorname
field-last-name = Nachname
field-phone = Telefon
field-email = E-Mail
field-birthday = Geburtstag
field-language = Sprache
field-preferred-staff = Bevorzugter Mitarbeiter
field-none = keiner
field-marketing = Marketingfreigabe
field-notes = Notizen
field-staff = Mitarbeiter
field-service = Leistung
field-customer = Kunde
field-date = Datum
field-time = Uhrzeit
field-minutes = Minuten
field-salon-name = Name des Salons
field-address = Adresse
field-time-zone = Zeitzone (z. B. Europe/Berlin)
field-currency = Währung (z. B. EUR)
field-from = Von
field-to = Bis
field-reason = Grund
field-price = Preis
field-colour = Farbe (#rrggbb)

settings-title = Einstellungen
settings-salon = Salon
settings-staff = Mitarbeiter
settings-services = Leistungen
settings-opening-hours = Öffnungszeiten
settings-working-hours = Arbeitszeiten
settings-break = Pause
settings-closed = geschlossen
settings-absences = Abwesenheiten
settings-add-absence = Abwesenheit eintragen
settings-add-staff = + Mitarbeiter hinzufügen
settings-add-service = + Leistung hinzufügen
settings-active = aktiv
settings-inactive = inaktiv

error-cannot-open = Die Datei { $path } kann nicht geöffnet werden: { $cause }
error-damaged = Die Datenbankdatei ist beschädigt ({ $detail }).
error-read-only = Die Datei { $path } ist schreibgeschützt, daher konnte nichts gespeichert werden. Prüfen Sie die Berechtigungen oder wählen Sie eine andere Datei.
error-newer-version = Diese Datenbank stammt von einem neueren Salondesk (Version { $found }; dieses Programm kennt bis { $supported }). Bitte aktualisieren Sie Salondesk.
error-overlap = Dieser Mitarbeiter hat zu dieser Zeit bereits einen Termin.
error-delete-refused = Termine werden nie gelöscht; sagen Sie ihn stattdessen ab.
error-not-found = Das gibt es nicht mehr; vielleicht wurde es gleichzeitig an anderer Stelle geändert.
error-disk-full = Der Datenträger ist voll: Es wurde nichts gespeichert. Schaffen Sie Platz und versuchen Sie es erneut.
error-busy = Das Terminbuch ist in einem anderen Fenster beschäftigt; bitte erneut versuchen.
error-other = Beim Speichern ist etwas schiefgegangen: { $detail }
error-required = { $field } ist erforderlich.
error-time-zone = „{ $value }“ ist keine Zeitzone; verwenden Sie einen Namen wie Europe/Berlin.
error-time = „{ $value }“ ist keine Uhrzeit; schreiben Sie sie wie 09:30.
error-date = „{ $value }“ ist kein Datum; schreiben Sie es wie 23.11.2026.
error-email = „{ $value }“ ist keine E-Mail-Adresse.
error-phone = „{ $value }“ ist keine Telefonnummer; verwenden Sie Ziffern, z. B. +49 151 2345678.
error-amount = „{ $value }“ ist kein Betrag; schreiben Sie ihn wie 45,00.
error-duration = „{ $value }“ ist keine Dauer; verwenden Sie Minuten zwischen 5 und 720.
error-end-before-start = Das Ende muss nach dem Beginn liegen.
error-break-outside = Die Pause muss innerhalb der Arbeitszeit liegen.
error-save-staff-first = Speichern Sie zuerst den Mitarbeiter.
error-colour = Die Farbe muss wie #c98b9a geschrieben werden.
error-unknown-zone = Die Zeitzone des Salons „{ $zone }“ ist unbekannt, daher werden Zeiten in UTC angezeigt. Bitte wählen Sie unter Einstellungen › Salon die richtige.
error-status-in-use = Dieser Status wird Neukunden gegeben oder ist noch vergeben: Wählen Sie einen anderen Status für seine Kunden, oder machen Sie zuerst einen anderen Status zum Anfangsstatus.
error-no-initial-status = Ein Status muss Neukunden gegeben werden.
error-symbol = „{ $value }“ ist zu lang für ein Symbol; höchstens vier Zeichen.
error-colour-value = „{ $value }“ ist keine Farbe; schreiben Sie sie wie #c98b9a.
field-limit = Die Begrenzung (Termine und Tage)
reliability-none = noch keine Besuche
reliability-counts = { $attended } wahrgenommen · { $noshows } nicht erschienen ({ $percent } %)
reliability-explained = Grün: immer erschienen. Je mehr Termine ausgefallen sind, desto oranger; ganz orange, wenn jeder zweite ausfiel. Absagen und künftige Termine zählen nicht.
field-status = Kundenstatus
