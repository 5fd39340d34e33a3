"""An example complaintkit plugin: the ``acme_outbox`` notifier, the ``sku_prefix`` operator
and the ``acme/grocery`` policy pack."""
