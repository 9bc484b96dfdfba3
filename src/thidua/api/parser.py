"""The API's body parser: a JSON body must be an object, as every operation documents."""

import json

from ninja.parser import Parser


class ObjectParser(Parser):
    def parse_body(self, request):
        """Parse the JSON body; anything but an object (a list, a number...) is malformed (400)."""
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("The request body is not a JSON object.")
        return data
