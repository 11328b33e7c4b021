# Uber's rider data download from 2023 on (Rider/trips_data-0.csv,
# rider_lifetime_trips-0.csv): snake_case columns (dav1dc-gh/uber-trip-accounting). The
# column order is not known, so only names are used. begintrip_timestamp_utc is an ISO
# instant in UTC; the date is its local date in --tz. fare_amount includes the booking fee,
# surcharges and tax; there is no tip column.
name = uber-2023
variant_of = uber
description = Uber rider data download, 2023+ snake_case layout
header = status, request_timestamp_utc, begintrip_timestamp_utc, product_type_name, begintrip_address, dropoff_address, currency_code, fare_amount
date = begintrip_timestamp_utc
date_format = YYYY-MM-DDTHH:MM:SSZ
amount = fare_amount
spent = positive
currency = currency_code
merchant = "Uber"
note = product_type_name
category = "ride"
provider = "uber"
from = begintrip_address
to = dropoff_address
statement = no
money_in = refund
hook = uber
hook.status = status
hook.product = product_type_name
hook.requested = request_timestamp_utc
