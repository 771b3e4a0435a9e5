"""Weekdays and the small words around them, as people type them in the languages Attune
speaks (/weekly sonntag 19:00, /weekly domingo 19:00, /weekly воскресенье 19:00).

Data only, read by rituals/weekly.py. Monday is 0, as date.weekday(); plurals ("sundays",
"sonntags", "domingos") are read by dropping a final "s" (weekly._day).
"""
from __future__ import annotations

DAYS = {
    # English
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3,
    "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
    # German
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonnabend": 5, "sonntag": 6, "mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6,
    # Spanish
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sábado": 5, "sabado": 5, "domingo": 6, "lun": 0, "mié": 2, "mie": 2, "jue": 3,
    "vie": 4, "sáb": 5, "sab": 5, "dom": 6,
    # Portuguese
    "segunda": 0, "segunda-feira": 0, "terça": 1, "terca": 1, "terça-feira": 1,
    "quarta": 2, "quarta-feira": 2, "quinta": 3, "quinta-feira": 3, "sexta": 4,
    "sexta-feira": 4, "seg": 0, "ter": 1, "qua": 2, "qui": 3, "sex": 4,
    # Russian
    "понедельник": 0, "вторник": 1, "среда": 2, "среду": 2, "четверг": 3, "пятница": 4,
    "пятницу": 4, "суббота": 5, "субботу": 5, "воскресенье": 6, "пн": 0, "вт": 1, "ср": 2,
    "чт": 3, "пт": 4, "сб": 5, "вс": 6, "понедельникам": 0, "вторникам": 1, "средам": 2,
    "четвергам": 3, "пятницам": 4, "субботам": 5, "воскресеньям": 6,
}
# Words around a day and a time that carry nothing: "every sunday at 19:00", "jeden Sonntag
# um 19 Uhr" is read without them.
FILLER = {
    "at", "on", "every", "um", "am", "jeden", "a", "las", "el", "los", "cada", "às", "as",
    "aos", "toda", "todo", "todas", "todos", "в", "во", "по", "uhr",
}
OFF = {"off", "stop", "aus", "stopp", "apagar", "parar", "desligar", "выкл", "стоп"}
