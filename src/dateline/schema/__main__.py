"""Print the output schema: ``python -m dateline.schema > src/dateline/schema/output.schema.json``."""
import json

from dateline.schema import output_schema

print(json.dumps(output_schema(), indent=2, sort_keys=True))
