#pragma once
// Internal to emulator/sam: one reader per resource type Drydock understands. Each takes the
// resource's logical id, its mapping under Resources and its field path (["Resources", id]), reports
// problems through the TemplateReader and returns what it could read (defaults where a value was bad).

#include <chrono>
#include <optional>
#include <string>

#include "emulator/sam/sam_template.hpp"
#include "emulator/sam/template_reader.hpp"

namespace drydock::emulator::detail {

// The QueueName a queue resource gives literally (or via a parameter's Default), without reporting
// anything; nullopt when absent or not evaluable. Used to know every queue before reading references.
std::optional<std::string> literal_queue_name(TemplateReader& reader, const workers::yaml::Node& resource);

// AWS::SQS::Queue.
SamQueue read_queue(TemplateReader& reader, const std::string& logical_id,
                    const workers::yaml::Node& resource, const workers::FieldPath& field);

// AWS::Serverless::Function; `global_timeout` is Globals.Function.Timeout when the template sets it.
SamFunction read_function(TemplateReader& reader, const std::string& logical_id,
                          const workers::yaml::Node& resource, const workers::FieldPath& field,
                          std::optional<std::chrono::seconds> global_timeout);

// AWS::S3::Bucket.
SamBucket read_bucket(TemplateReader& reader, const std::string& logical_id,
                      const workers::yaml::Node& resource, const workers::FieldPath& field);

}  // namespace drydock::emulator::detail
