app-loading = Åpner timeboken…
nav-calendar = Kalender
nav-customers = Kunder
nav-settings = Innstillinger

demo-banner = Demosalong: disse kundene og timene er eksempeldata for å prøve Salondesk.
demo-start-empty = Start tomt…
demo-confirm = Slette alle eksempeldata?
demo-start-empty-yes = Ja, start tomt
demo-keep = Behold demoen

fatal-title = Timeboken kan ikke åpnes
fatal-safe = Ingenting er endret eller slettet: filen er nøyaktig som den var.
fatal-what-now = Gjenopprett siste sikkerhetskopi, eller start Salondesk med en annen fil (--db STI). Trenger du hjelp, send loggfilen fra mappen «logs» ved siden av databasen.

calendar-today = I dag
calendar-day = Dag
calendar-week = Uke
calendar-day-off = fri
calendar-absent = borte: { $reason }
calendar-no-staff = Ingen ansatte ennå. Legg dem til under Innstillinger › Ansatte.
calendar-next-free = Neste ledige tid: { $time } — ta den
calendar-no-free = Ingen ledig tid de neste 14 dagene.

mark-new = ny
mark-not-linked = ikke koblet

state-booked = booket
state-arrived = ankommet
state-completed = fullført
state-cancelled = avlyst
state-no-show = uteble

action-arrived = Ankommet
action-completed = Fullført
action-no-show = Uteble…
action-cancel = Avlys timen…
action-undo = Angre: booket igjen

source-desk = i resepsjonen
source-kiosk = på kiosken

dialog-new-title = Ny time
dialog-edit-title = Time
dialog-customer-placeholder = Navn, telefon eller e-post
dialog-customer-hint = Skriv navn, telefonnummer eller e-post: kjente kunder blir foreslått.
dialog-walk-in-hint = Lagres bare med dette navnet; koble til et kundekort senere.
dialog-linked = koblet
dialog-open-card = Åpne kundekort
dialog-unlink = Fjern kobling
dialog-no-show-reason = Hvorfor kom ikke kunden?
dialog-cancel-reason = Hvorfor avlyses timen?
dialog-reason-placeholder = Grunn (velg eller skriv)
dialog-reason-needed = Oppgi en grunn.
dialog-confirm-no-show = Merk som uteblitt
dialog-confirm-cancel = Avlys timen
dialog-created = Booket { $who } { $when }

reason-forgot = Glemte det
reason-ill = Syk
reason-not-reachable = Ikke å nå
reason-none-given = Ingen grunn oppgitt
reason-rescheduled = Flyttet
reason-travel = På reise
reason-salon = Avlyst av salongen

saved-booked = Timen er booket.
saved-changed = Timen er endret.
saved-no-show = Merket som uteblitt; tiden kan bookes igjen.
saved-cancelled = Timen er avlyst; tiden kan bookes igjen.
saved-arrived = Merket som ankommet.
saved-completed = Merket som fullført.
saved-undone = Booket igjen.
saved-customer = Lagret.
saved-settings = Innstillingene er lagret.

button-save = Lagre
button-close = Lukk
button-back = Tilbake
button-remove = Fjern

customers-title = Kunder
customers-new = Ny kunde
customers-new-title = Ny kunde
customers-search-placeholder = Søk navn, telefon eller e-post (Ctrl+F)
customers-count = { $count } kunder. Skriv for å søke.
customers-found = { $count } funnet
customers-pick-hint = Velg en kunde til venstre, eller opprett en ny.

card-archive = Timer
card-summary = { $total } timer · { $attended } møtt · { $noshows } uteblitt · { $cancelled } avlyst
card-revenue = omsetning { $amount }
card-no-appointments = Ingen timer ennå.

consent-granted = Gitt
consent-not-asked = Ikke spurt
consent-objected = Reservert

field-name = Navn
field-first-name = Fornavn
field-last-name = Etternavn
field-phone = Telefon
field-email = E-post
field-birthday = Fødselsdag
field-language = Språk
field-preferred-staff = Foretrukket ansatt
field-none = ingen
field-marketing = Samtykke til markedsføring
field-notes = Notater
field-staff = Ansatt
field-service = Tjeneste
field-customer = Kunde
field-date = Dato
field-time = Klokkeslett
field-minutes = Minutter
field-salon-name = Salongens navn
field-address = Adresse
field-time-zone = Tidssone (f.eks. Europe/Oslo)
field-currency = Valuta (f.eks. NOK)
field-from = Fra
field-to = Til
field-reason = Grunn
field-price = Pris
field-colour = Farge (#rrggbb)

settings-title = Innstillinger
settings-salon = Salong
settings-staff = Ansatte
settings-services = Tjenester
settings-opening-hours = Åpningstider
settings-working-hours = Arbeidstid
settings-break = pause
settings-closed = stengt
settings-absences = Fravær
settings-add-absence = Legg til fravær
settings-add-staff = + Legg til ansatt
settings-add-service = + Legg til tjeneste
settings-active = aktiv
settings-inactive = inaktiv

error-cannot-open = Filen { $path } kan ikke åpnes: { $cause }
error-damaged = Databasefilen er skadet ({ $detail }).
error-read-only = Filen { $path } er skrivebeskyttet, så ingenting kunne lagres. Sjekk tilgangene eller velg en annen fil.
error-newer-version = Denne databasen er laget av en nyere Salondesk (versjon { $found }; dette programmet kjenner opp til { $supported }). Oppdater Salondesk.
error-overlap = Denne ansatte har allerede en time på det tidspunktet.
error-delete-refused = Timer slettes aldri; avlys den i stedet.
error-not-found = Den finnes ikke lenger; kanskje den ble endret et annet sted samtidig.
error-disk-full = Disken er full: ingenting ble lagret. Frigjør plass og prøv igjen.
error-busy = Timeboken er opptatt i et annet vindu; prøv igjen.
error-other = Noe gikk galt ved lagring: { $detail }
error-required = { $field } må fylles ut.
error-time-zone = «{ $value }» er ikke en tidssone; bruk et navn som Europe/Oslo.
error-time = «{ $value }» er ikke et klokkeslett; skriv det som 09:30.
error-date = «{ $value }» er ikke en dato; skriv den som 23.11.2026.
error-email = «{ $value }» er ikke en e-postadresse.
error-phone = «{ $value }» er ikke et telefonnummer; bruk sifre, f.eks. +47 912 34 567.
error-amount = «{ $value }» er ikke et beløp; skriv det som 450,00.
error-duration = «{ $value }» er ikke en varighet; bruk minutter mellom 5 og 720.
error-end-before-start = Slutten må være etter starten.
error-break-outside = Pausen må ligge innenfor arbeidstiden.
error-save-staff-first = Lagre den ansatte først.
error-colour = Fargen må skrives som #c98b9a.
error-unknown-zone = Salongens tidssone «{ $zone }» er ukjent, så tidene vises i UTC. Velg riktig tidssone under Innstillinger › Salong.
error-status-in-use = Denne statusen gis til nye kunder eller er fortsatt i bruk: velg en annen status for kundene, eller gjør en annen status til startstatus først.
error-no-initial-status = Én status må gis til nye kunder.
error-symbol = «{ $value }» er for langt for et symbol; bruk høyst fire tegn.
error-colour-value = «{ $value }» er ikke en farge; skriv den som #c98b9a.
field-limit = Grensen (timer og dager)
reliability-none = ingen besøk ennå
reliability-counts = { $attended } møtt · { $noshows } uteblitt ({ $percent } %)
reliability-explained = Grønn: kom alltid. Jo flere timer som er uteblitt, jo mer oransje; helt oransje når annenhver er uteblitt. Avlysninger og fremtidige timer teller ikke.
field-status = Kundestatus
