import { DataSourcesPage } from "@/components/data-sources/data-sources-page";

export default function Page() {
  return <DataSourcesPage />;
}
