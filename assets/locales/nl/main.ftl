app-loading = Agenda wordt geopend…
nav-calendar = Agenda
nav-customers = Klanten
nav-settings = Instellingen

demo-banner = Demosalon: deze klanten en afspraken zijn voorbeeldgegevens om Salondesk uit te proberen.
demo-start-empty = Leeg beginnen…
demo-confirm = Alle voorbeeldgegevens verwijderen?
demo-start-empty-yes = Ja, leeg beginnen
demo-keep = Demo houden

fatal-title = De agenda kan niet worden geopend
fatal-safe = Er is niets gewijzigd of verwijderd: het bestand is precies zoals het was.
fatal-what-now = Zet de laatste back-up terug, of start Salondesk met een ander bestand (--db PAD). Voor hulp stuurt u het logbestand uit de map "logs" naast de database.

calendar-today = Vandaag
calendar-day = Dag
calendar-week = Week
calendar-day-off = vrij
calendar-absent = afwezig: { $reason }
calendar-no-staff = Nog geen medewerkers. Voeg ze toe onder Instellingen › Medewerkers.
calendar-next-free = Eerstvolgende vrije tijd: { $time } — overnemen
calendar-no-free = De komende 14 dagen is er geen tijd vrij.

mark-new = nieuw
mark-not-linked = niet gekoppeld

state-booked = geboekt
state-arrived = aanwezig
state-completed = afgerond
state-cancelled = geannuleerd
state-no-show = niet gekomen

action-arrived = Aanwezig
action-completed = Afgerond
action-no-show = Niet gekomen…
action-cancel = Afspraak annuleren…
action-undo = Ongedaan maken: weer geboekt

source-desk = aan de balie
source-kiosk = via de kiosk

dialog-new-title = Nieuwe afspraak
dialog-edit-title = Afspraak
dialog-customer-placeholder = Naam, telefoon of e-mail
dialog-customer-hint = Typ een naam, telefoonnummer of e-mailadres: bekende klanten worden voorgesteld.
dialog-walk-in-hint = Alleen met deze naam opgeslagen; koppel later aan een klantenkaart.
dialog-linked = gekoppeld
dialog-open-card = Klantenkaart openen
dialog-unlink = Ontkoppelen
dialog-no-show-reason = Waarom is de klant niet gekomen?
dialog-cancel-reason = Waarom wordt de afspraak geannuleerd?
dialog-reason-placeholder = Reden (kies of typ)
dialog-reason-needed = Geef een reden op.
dialog-confirm-no-show = Markeren als niet gekomen
dialog-confirm-cancel = Afspraak annuleren
dialog-created = Geboekt { $who } op { $when }

reason-forgot = Vergeten
reason-ill = Ziek
reason-not-reachable = Niet bereikbaar
reason-none-given = Geen reden opgegeven
reason-rescheduled = Verzet
reason-travel = Op reis
reason-salon = Door salon geannuleerd

saved-booked = Afspraak geboekt.
saved-changed = Afspraak gewijzigd.
saved-no-show = Gemarkeerd als niet gekomen; de tijd is weer te boeken.
saved-cancelled = Afspraak geannuleerd; de tijd is weer te boeken.
saved-arrived = Gemarkeerd als aanwezig.
saved-completed = Gemarkeerd als afgerond.
saved-undone = Weer geboekt.
saved-customer = Opgeslagen.
saved-settings = Instellingen opgeslagen.

button-save = Opslaan
button-close = Sluiten
button-back = Terug
button-remove = Verwijderen

customers-title = Klanten
customers-new = Nieuwe klant
customers-new-title = Nieuwe klant
customers-search-placeholder = Zoek op naam, telefoon of e-mail (Ctrl+F)
customers-count = { $count } klanten. Typ om te zoeken.
customers-found = { $count } gevonden
customers-pick-hint = Kies links een klant of maak een nieuwe aan.

card-archive = Afspraken
card-summary = { $total } afspraken · { $attended } gekomen · { $noshows } niet gekomen · { $cancelled } geannuleerd
card-revenue = omzet { $amount }
card-no-appointments = Nog geen afspraken.

consent-granted = Gegeven
consent-not-asked = Niet gevraagd
consent-objected = Bezwaar

field-name = Naam
field-first-name = Voornaam
field-last-name = Achternaam
field-phone = Telefoon
field-email = E-mail
field-birthday = Verjaardag
field-language = Taal
field-preferred-staff = Voorkeursmedewerker
field-none = geen
field-marketing = Toestemming marketing
field-notes = Opmerkingen
field-staff = Medewerker
field-service = Behandeling
field-customer = Klant
field-date = Datum
field-time = Tijd
field-minutes = Minuten
field-salon-name = Naam van de salon
field-address = Adres
field-time-zone = Tijdzone (bijv. Europe/Amsterdam)
field-currency = Valuta (bijv. EUR)
field-from = Van
field-to = Tot
field-reason = Reden
field-price = Prijs
field-colour = Kleur (#rrggbb)

settings-title = Instellingen
settings-salon = Salon
settings-staff = Medewerkers
settings-services = Behandelingen
settings-opening-hours = Openingstijden
settings-working-hours = Werktijden
settings-break = pauze
settings-closed = gesloten
settings-absences = Afwezigheid
settings-add-absence = Afwezigheid toevoegen
settings-add-staff = + Medewerker toevoegen
settings-add-service = + Behandeling toevoegen
settings-active = actief
settings-inactive = inactief

error-cannot-open = Het bestand { $path } kan niet worden geopend: { $cause }
error-damaged = Het databasebestand is beschadigd ({ $detail }).
error-read-only = Het bestand { $path } is alleen-lezen, dus er kon niets worden opgeslagen. Controleer de rechten of kies een ander bestand.
error-newer-version = Deze database is gemaakt door een nieuwere Salondesk (versie { $found }; dit programma kent tot { $supported }). Werk Salondesk bij.
error-overlap = Deze medewerker heeft op dat moment al een afspraak.
error-delete-refused = Afspraken worden nooit verwijderd; annuleer hem in plaats daarvan.
error-not-found = Dit bestaat niet meer; misschien is het tegelijk ergens anders gewijzigd.
error-disk-full = De schijf is vol: er is niets opgeslagen. Maak ruimte vrij en probeer het opnieuw.
error-busy = De agenda is bezig in een ander venster; probeer het opnieuw.
error-other = Er ging iets mis bij het opslaan: { $detail }
error-required = { $field } is verplicht.
error-time-zone = "{ $value }" is geen tijdzone; gebruik een naam als Europe/Amsterdam.
error-time = "{ $value }" is geen tijd; schrijf hem als 09:30.
error-date = "{ $value }" is geen datum; schrijf hem als 23-11-2026.
error-email = "{ $value }" is geen e-mailadres.
error-phone = "{ $value }" is geen telefoonnummer; gebruik cijfers, bijv. +31 6 12345678.
error-amount = "{ $value }" is geen bedrag; schrijf het als 45,00.
error-duration = "{ $value }" is geen duur; gebruik minuten tussen 5 en 720.
error-end-before-start = Het einde moet na het begin liggen.
error-break-outside = De pauze moet binnen de werktijd liggen.
error-save-staff-first = Sla eerst de medewerker op.
error-colour = De kleur moet geschreven worden als #c98b9a.
error-unknown-zone = De tijdzone van de salon "{ $zone }" is onbekend, dus tijden worden in UTC getoond. Kies de juiste onder Instellingen › Salon.
error-status-in-use = Deze status krijgen nieuwe klanten of hij is nog in gebruik: kies een andere status voor zijn klanten, of maak eerst een andere status de beginstatus.
error-no-initial-status = Eén status moet aan nieuwe klanten worden gegeven.
error-symbol = "{ $value }" is te lang voor een symbool; gebruik hoogstens vier tekens.
error-colour-value = "{ $value }" is geen kleur; schrijf hem als #c98b9a.
field-limit = De limiet (afspraken en dagen)
reliability-none = nog geen bezoeken
reliability-counts = { $attended } gekomen · { $noshows } niet gekomen ({ $percent } %)
reliability-explained = Groen: altijd gekomen. Hoe meer afspraken gemist, hoe oranjer; helemaal oranje als de helft gemist is. Annuleringen en toekomstige afspraken tellen niet.
field-status = Klantstatus
