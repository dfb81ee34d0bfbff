import { ApiReference } from "@/components/reference/api-reference";

export default function ApiReferencePage() {
  return <ApiReference />;
}
