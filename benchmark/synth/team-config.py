#!/usr/bin/env python3
"""Writes cdk.json context for a team of N models in 4 regions and 4 schedules per model (the shape TeamConfigs
generates in the infra tests): every other model with its projectArn, idle stop on every model in the stack's region,
schedules that start, stop and report 5 models each in 5 time zones. Usage: team-config.py MODELS > context.json"""
import json
import sys

REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-2", "eu-central-1"]
TIMEZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC"]
ACTIONS = ["start", "stop", "status"]

models_count = int(sys.argv[1])
models = {}
for i in range(models_count):
    region = REGIONS[i % 4]
    project = f"inspection-line-{i // 2}"
    model = {
        "projectVersionArn": f"arn:aws:rekognition:{region}:123456789012:project/{project}/version/"
                             f"{project}.2026-11-{1 + i % 28:02d}/{1761955200000 + i}",
        "minInferenceUnits": 1, "maxInferenceUnits": 1 + i % 3, "inferenceUnitCeiling": 4}
    if i % 2 == 0:
        model["projectArn"] = f"arn:aws:rekognition:{region}:123456789012:project/{project}/{1761900000000 + i}"
    if region == REGIONS[0]:
        model["idleStopMinutes"] = 30 + i % 90
    models[f"model-{i:03d}"] = model
names = list(models)
schedules = []
for i in range(min(4 * models_count, 400)):
    action = ACTIONS[i % 3]
    schedules.append({"name": f"team-{action}-{i:03d}", "cron": f"{i % 60} {6 + i % 14} ? * MON-FRI *",
                      "timezone": TIMEZONES[i % 5], "action": action,
                      "models": [names[(i * 5 + m) % len(names)] for m in range(5)]})
json.dump({"region": REGIONS[0], "models": models, "schedules": schedules}, sys.stdout)
