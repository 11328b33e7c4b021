# Uber's rider data download, Rider/trips_data.csv (the legacy layout, up to 2022).
# Times are instants in UTC ("2018-08-17 03:50:18 +0000 UTC"): the date is the local date
# of Begin Trip Time in --tz. The uber hook: a COMPLETED trip is a ride (a Product Type
# with "eats" in it is a meal at Uber Eats); CANCELED with fare 0 is skipped, with a fare
# it is a ride dated by its Request Time, note "cancellation fee"; a trip that never began
# (Begin Trip Time 1970-01-01) is dated by its Request Time.
name = uber
description = Uber rider data download, trips_data.csv (legacy and 2023+ layouts)
header = City, Product Type, Trip or Order Status, Request Time, Begin Trip Time, Begin Trip Address, Dropoff Address, Fare Amount, Fare Currency
date = Begin Trip Time
date_format = YYYY-MM-DD HH:MM:SS +0000 UTC
amount = Fare Amount
spent = positive
currency = Fare Currency
merchant = "Uber"
note = Product Type
category = "ride"
provider = "uber"
from = Begin Trip Address
to = Dropoff Address
statement = no
money_in = refund
hook = uber
hook.status = Trip or Order Status
hook.product = Product Type
hook.requested = Request Time
